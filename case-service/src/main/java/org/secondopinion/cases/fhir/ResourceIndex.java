package org.secondopinion.cases.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources a referral's references may reach: those contained in the ServiceRequest and, for a transaction
 * Bundle, its other entries (by {@code fullUrl}, e.g. {@code urn:uuid:…}, or by {@code Type/id}). We never follow a
 * reference to another server: what is not in the request does not exist for us.
 */
final class ResourceIndex {

    private final Map<String, Resource> byReference = new HashMap<>();
    private final List<Resource> all = new ArrayList<>();

    private ResourceIndex() {
    }

    static ResourceIndex of(DomainResource root) {
        ResourceIndex index = new ResourceIndex();
        index.addContained(root);
        return index;
    }

    static ResourceIndex of(Bundle bundle, DomainResource root) {
        ResourceIndex index = of(root);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || resource == root) {
                continue;
            }
            index.all.add(resource);
            if (entry.hasFullUrl()) {
                index.byReference.put(entry.getFullUrl(), resource);
                String[] segments = entry.getFullUrl().split("/");
                if (segments.length >= 2) { // http://clinic.example/fhir/Patient/123 also answers to Patient/123
                    index.byReference.putIfAbsent(segments[segments.length - 2] + "/" + segments[segments.length - 1],
                            resource);
                }
            }
            if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
                index.byReference.putIfAbsent(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            }
        }
        return index;
    }

    private void addContained(DomainResource root) {
        for (Resource contained : root.getContained()) {
            all.add(contained);
            String id = contained.getIdElement().getIdPart();
            if (id != null) {
                byReference.put("#" + (id.startsWith("#") ? id.substring(1) : id), contained);
            }
        }
    }

    /** The resource a reference reaches, if it is in this request. */
    Optional<Resource> resolve(Reference reference) {
        if (reference == null) {
            return Optional.empty();
        }
        if (reference.getResource() instanceof Resource linked) { // HAPI links "#id" references while parsing
            return Optional.of(linked);
        }
        if (!reference.hasReference()) {
            return Optional.empty();
        }
        String target = reference.getReference();
        Resource found = byReference.get(target);
        if (found == null && target.contains("/_history/")) {
            found = byReference.get(target.substring(0, target.indexOf("/_history/")));
        }
        return Optional.ofNullable(found);
    }

    <T extends Resource> List<T> all(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
